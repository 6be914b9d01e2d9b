package io.bpacat.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the site templates come from: the copy inside bpacat ({@code site-templates/} on the class path, with the
 * bundled JavaScript), or a user's own folder ({@code --templates DIR}), in which case any file the folder lacks is
 * taken from bpacat's copy.
 */
public final class TemplateSource {
    static final String CLASSPATH_ROOT = "site-templates/";
    private static final String ASSET_LIST = "assets.list";

    private final Optional<Path> folder;

    private TemplateSource(Optional<Path> folder) {
        this.folder = folder;
    }

    public static TemplateSource builtIn() {
        return new TemplateSource(Optional.empty());
    }

    public static TemplateSource folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TemplatesNotFoundException(dir);
        }
        return new TemplateSource(Optional.of(dir));
    }

    public Optional<Path> folder() {
        return folder;
    }

    /** Opens a template-relative file, or returns null when neither the folder nor bpacat has it. */
    public InputStream open(String name) throws IOException {
        if (folder.isPresent() && Files.isRegularFile(folder.get().resolve(name))) {
            return Files.newInputStream(folder.get().resolve(name));
        }
        return TemplateSource.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + name);
    }

    public byte[] read(String name) {
        try (InputStream in = open(name)) {
            if (in == null) {
                throw new IllegalStateException("the site templates have no " + name
                        + (name.endsWith(".js") ? " (the front end is bundled by the Maven build: mvn package)" : ""));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " of the site templates", e);
        }
    }

    /** The static files copied to {@code assets/}: bpacat's (listed by the front-end build), then the folder's. */
    public List<String> assets() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        new String(read(ASSET_LIST), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(s -> !s.isEmpty()).forEach(names::add);
        folder.map(d -> d.resolve("assets")).filter(Files::isDirectory).ifPresent(dir -> {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(p -> names.add(dir.relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        });
        return new ArrayList<>(names);
    }

    /** The templates folder named on the command line does not exist. */
    public static final class TemplatesNotFoundException extends RuntimeException {
        public TemplatesNotFoundException(Path dir) {
            super("templates folder " + dir + " not found: name a copy of site-templates/");
        }
    }
}
