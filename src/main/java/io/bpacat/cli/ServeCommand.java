package io.bpacat.cli;

import io.bpacat.render.SiteBuilder;
import io.bpacat.serve.ContentWatcher;
import io.bpacat.serve.DevServer;
import io.bpacat.serve.Rebuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bpacat serve}: build, serve on localhost, rebuild on change with live reload. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Build the site, serve it on http://localhost:PORT/ and rebuild it whenever the content, the"
                + " templates or the site settings change; open pages reload by themselves. Stop with Ctrl+C.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:usage error, or the port is taken"})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ContentOptions options;

    @Mixin
    SiteOptions site;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port on localhost (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        SiteBuilder builder = site.builder(options, true);
        SiteBuilder.Result first = builder.buildInto(options.content, site.out);
        options.print(first.catalog(), err);
        err.println(Summary.of(first.catalog().catalog(), first.catalog().sources().size()));
        List<Path> watched = new ArrayList<>(List.of(options.content));
        if (site.templates != null) {
            watched.add(site.templates);
        }
        if (site.siteConfig != null) {
            watched.add(site.siteConfig);
        }
        try (DevServer server = new DevServer(first.files(), port, true);
             ContentWatcher watcher = new ContentWatcher(watched)) {
            out.println("serving " + site.out + " at " + server.uri() + " (Ctrl+C stops)");
            Rebuilder rebuilder = new Rebuilder(() -> site.builder(options, true), builder, options.content, site.out,
                    server, first.files(), site.templates == null ? null : site.templates.toAbsolutePath());
            while (true) {
                List<Path> changed = watcher.next();
                Rebuilder.Report r = rebuilder.rebuild(changed);
                options.print(r.result().catalog(), err);
                err.println(r.line());
            }
        }
    }
}
