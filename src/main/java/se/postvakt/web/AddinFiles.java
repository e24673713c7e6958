package se.postvakt.web;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the add-in manifest with its URLs pointing at this server, the add-in scripts that carry the same
 * placeholders (classic Outlook runs the launch-event script with no page around it, so it cannot learn the server's
 * URL or the client id any other way), and the allow-list that lets that script call the API.
 */
public final class AddinFiles implements ApiModule {
    /** The base URL written in the checked-in manifest; replaced by {@code PUBLIC_BASE_URL} when served. */
    public static final String MANIFEST_BASE_URL = "https://postvakt.example.se";
    /** The placeholder client id in the checked-in manifest; replaced by {@code ENTRA_CLIENT_ID} when set. */
    public static final String MANIFEST_CLIENT_ID = "00000000-0000-0000-0000-000000000000";
    /** The launch-event handler files, relative to the base URL. */
    public static final List<String> LAUNCH_EVENT_SCRIPTS = List.of("/launchevent/launchevent.js");
    /** Scripts under static/ served with the base URL and client id placeholders replaced, like the manifest. */
    public static final List<String> REWRITTEN_SCRIPTS = List.of("/launchevent/launchevent.js", "/shared/postvakt.js");

    private final String manifest;
    private final Map<String, List<String>> allowed;
    private final Map<String, String> scripts = new LinkedHashMap<>();

    public AddinFiles(String publicBaseUrl, String clientId) {
        this.manifest = rewrite(read("addin-manifest/manifest.xml"), publicBaseUrl, clientId);
        for (String path : REWRITTEN_SCRIPTS) {
            scripts.put(path, rewrite(read("static" + path), publicBaseUrl, clientId));
        }
        this.allowed = Map.of("allowed", LAUNCH_EVENT_SCRIPTS.stream().map(p -> publicBaseUrl + p).toList());
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/manifest.xml", ctx -> {
            ctx.contentType("application/xml; charset=utf-8");
            ctx.header("Content-Disposition", "inline; filename=\"postvakt-manifest.xml\"");
            ctx.result(manifest);
        });
        routes.get("/.well-known/microsoft-officeaddins-allowed.json", ctx -> ctx.json(allowed));
        scripts.forEach((path, body) -> routes.get(path, ctx -> {
            ctx.contentType("text/javascript; charset=utf-8");
            ctx.header("Cache-Control", "no-cache");
            ctx.result(body);
        }));
    }

    private static String rewrite(String text, String publicBaseUrl, String clientId) {
        String out = text.replace(MANIFEST_BASE_URL, publicBaseUrl);
        return clientId == null || clientId.isBlank() ? out : out.replace(MANIFEST_CLIENT_ID, clientId);
    }

    static String read(String resource) {
        try (InputStream in = AddinFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
