// bpacat serve: reloads the page when the site has been rebuilt. Served only by `bpacat serve`, never written out.
const events = new EventSource('/__bpacat/events');
events.addEventListener('reload', () => window.location.reload());
