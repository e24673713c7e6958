package se.postvakt.addin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import se.postvakt.support.TestKeys;
import se.postvakt.support.TestServer;
import se.postvakt.web.AddinFiles;

/**
 * The add-in manifest against the handler file and the running server. No registry package ships Microsoft's
 * manifest XSDs, so the schema rules the add-in depends on are checked one by one here instead.
 */
class AddinManifestTest {
    private static final String OFFICE_APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static final String BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static final String V1_0 = "http://schemas.microsoft.com/office/mailappversionoverrides";
    private static final String V1_1 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Path MANIFEST = Path.of("addin-manifest/manifest.xml");
    private static final Path LOCALHOST = Path.of("addin-manifest/manifest.localhost.xml");
    private static final Path HANDLERS = Path.of("static/launchevent/launchevent.js");
    private static final Pattern ASSOCIATE = Pattern.compile("Office\\.actions\\.associate\\(\\s*\"(\\w+)\"\\s*,\\s*(\\w+)\\s*\\)");
    /** The order of OfficeApp's children in the MailApp schema (the ones a mail add-in may use). */
    private static final List<String> TOP_LEVEL_ORDER = List.of("Id", "AlternateId", "Version", "ProviderName",
            "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains",
            "Hosts", "Requirements", "FormSettings", "Permissions", "Rule", "DisableEntityHighlighting",
            "VersionOverrides");

    @Test
    void every_launch_event_function_has_an_associate_in_the_handler_file() throws Exception {
        Document m = parse(Files.readString(MANIFEST));
        Set<String> functions = new TreeSet<>();
        for (Element e : all(m, V1_1, "LaunchEvent")) {
            functions.add(e.getAttribute("FunctionName"));
        }
        String js = Files.readString(HANDLERS);
        Map<String, String> associated = new LinkedHashMap<>();
        Matcher a = ASSOCIATE.matcher(js);
        while (a.find()) {
            associated.put(a.group(1), a.group(2));
        }
        assertEquals(functions, new TreeSet<>(associated.keySet()), "manifest FunctionNames vs Office.actions.associate");
        for (Map.Entry<String, String> e : associated.entrySet()) {
            assertTrue(js.contains("function " + e.getValue() + "("), "handler function " + e.getValue() + " is defined");
        }
    }

    @Test
    void launch_events_are_the_live_warnings_and_the_send_gate_in_prompt_user_mode() throws Exception {
        Document m = parse(Files.readString(MANIFEST));
        Map<String, Element> byType = new LinkedHashMap<>();
        for (Element e : all(m, V1_1, "LaunchEvent")) {
            assertNull(byType.put(e.getAttribute("Type"), e), "one handler per event type");
        }
        assertEquals(Set.of("OnMessageRecipientsChanged", "OnMessageAttachmentsChanged", "OnMessageSend"), byType.keySet());
        assertEquals("PromptUser", byType.get("OnMessageSend").getAttribute("SendMode"));
        for (String live : List.of("OnMessageRecipientsChanged", "OnMessageAttachmentsChanged")) {
            assertEquals("", byType.get(live).getAttribute("SendMode"), "SendMode belongs to send events only");
        }
        Element extension = parent(all(m, V1_1, "LaunchEvents").get(0));
        assertEquals("LaunchEvent", extension.getAttributeNS(XSI, "type"));
        assertEquals("Runtime.Url", child(extension, V1_1, "SourceLocation").getAttribute("resid"),
                "the launch events run in the declared runtime");
    }

    @Test
    void runtime_has_the_html_page_and_a_javascript_override_for_classic_outlook() throws Exception {
        Document m = parse(Files.readString(MANIFEST));
        Map<String, String> urls = resources(m, "Urls");
        Element runtime = all(m, V1_1, "Runtime").get(0);
        assertTrue(urls.get(runtime.getAttribute("resid")).endsWith("/launchevent/launchevent.html"));
        Element override = child(runtime, V1_1, "Override");
        assertEquals("javascript", override.getAttribute("type"));
        assertTrue(urls.get(override.getAttribute("resid")).endsWith("/launchevent/launchevent.js"));
        String listed = AddinFiles.LAUNCH_EVENT_SCRIPTS.get(0);
        assertTrue(urls.get(override.getAttribute("resid")).endsWith(listed), "the script is on the allow-list");
    }

    @Test
    void structure_follows_the_mail_app_schema() throws Exception {
        Document m = parse(Files.readString(MANIFEST));
        Element root = m.getDocumentElement();
        assertEquals(OFFICE_APP, root.getNamespaceURI());
        assertEquals("OfficeApp", root.getLocalName());
        assertEquals("MailApp", root.getAttributeNS(XSI, "type"));
        List<String> order = new ArrayList<>();
        for (Element e : children(root)) {
            order.add(e.getLocalName());
        }
        int last = -1;
        for (String name : order) {
            int at = TOP_LEVEL_ORDER.indexOf(name);
            assertTrue(at > last, name + " is out of schema order in " + order);
            last = at;
        }
        assertTrue(text(root, "Id").matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertTrue(text(root, "Version").matches("\\d{1,5}(\\.\\d{1,5}){3}"));
        assertEquals("sv-SE", text(root, "DefaultLocale"));
        for (String localized : List.of("DisplayName", "Description")) {
            Element e = child(root, OFFICE_APP, localized);
            assertFalse(e.getAttribute("DefaultValue").isBlank());
            assertEquals("en-US", child(e, OFFICE_APP, "Override").getAttribute("Locale"), localized + " has English");
        }
        assertTrue(child(root, OFFICE_APP, "Description").getAttribute("DefaultValue").length() <= 250);
        assertEquals("ReadWriteItem", text(root, "Permissions"));
        assertTrue(all(m, OFFICE_APP, "AppDomain").stream().anyMatch(d -> d.getTextContent().equals(AddinFiles.MANIFEST_BASE_URL)));

        Element outer = child(root, V1_0, "VersionOverrides");
        assertEquals("VersionOverridesV1_0", outer.getAttributeNS(XSI, "type"));
        Element inner = child(outer, V1_1, "VersionOverrides");
        assertEquals("VersionOverridesV1_1", inner.getAttributeNS(XSI, "type"));
        List<String> innerOrder = children(inner).stream().map(Element::getLocalName).toList();
        assertEquals(List.of("Requirements", "Hosts", "Resources", "WebApplicationInfo"), innerOrder);
        Element sets = child(child(inner, V1_1, "Requirements"), BT, "Sets");
        assertEquals("1.12", sets.getAttribute("DefaultMinVersion"));
        assertEquals("Mailbox", child(sets, BT, "Set").getAttribute("Name"));
        Element host = child(child(inner, V1_1, "Hosts"), V1_1, "Host");
        assertEquals("MailHost", host.getAttributeNS(XSI, "type"));
        Element desktop = child(host, V1_1, "DesktopFormFactor");
        assertEquals("FunctionFile", children(desktop).get(0).getLocalName(), "FunctionFile comes first");
    }

    @Test
    void every_resource_reference_resolves_and_strings_fit_their_limits() throws Exception {
        Document m = parse(Files.readString(MANIFEST));
        Map<String, String> images = resources(m, "Images");
        Map<String, String> urls = resources(m, "Urls");
        Map<String, String> shortStrings = resources(m, "ShortStrings");
        Map<String, String> longStrings = resources(m, "LongStrings");
        Set<String> ids = new HashSet<>();
        for (Map<String, String> kind : List.of(images, urls, shortStrings, longStrings)) {
            for (String id : kind.keySet()) {
                assertTrue(ids.add(id), "resource id " + id + " is unique");
            }
        }
        for (Element e : all(m, "*", "*")) {
            String resid = e.getAttribute("resid");
            if (resid.isEmpty()) {
                continue;
            }
            assertTrue(resid.length() <= 32, "resid " + resid + " is at most 32 characters");
            Map<String, String> expected = switch (e.getLocalName()) {
                case "Image" -> images;
                case "Label", "Title" -> shortStrings;
                case "Description" -> longStrings;
                default -> urls;
            };
            assertTrue(expected.containsKey(resid), e.getLocalName() + " resid " + resid + " is defined with the right type");
        }
        for (Element s : all(m, BT, "String")) {
            int limit = s.getParentNode().getLocalName().equals("ShortStrings") ? 125 : 250;
            assertTrue(s.getAttribute("DefaultValue").length() <= limit, s.getAttribute("id") + " fits " + limit);
            Element en = child(s, BT, "Override");
            assertEquals("en-US", en.getAttribute("Locale"), s.getAttribute("id") + " has English");
            assertTrue(en.getAttribute("Value").length() <= limit);
        }
        Set<String> sizes = new TreeSet<>();
        for (Element icon : all(m, V1_1, "Icon")) {
            sizes.clear();
            for (Element img : children(icon)) {
                sizes.add(img.getAttribute("size"));
            }
            assertEquals(new TreeSet<>(Set.of("16", "32", "80")), sizes, "button icons come in 16, 32 and 80");
        }
    }

    @Test
    void buttons_open_the_task_pane_in_compose_and_the_sender_pane_in_read_mode() throws Exception {
        Document m = parse(Files.readString(MANIFEST));
        Map<String, String> urls = resources(m, "Urls");
        Map<String, String> paneBySurface = new LinkedHashMap<>();
        Set<String> controlIds = new HashSet<>();
        for (Element point : all(m, V1_1, "ExtensionPoint")) {
            for (Element control : descendants(point, V1_1, "Control")) {
                assertTrue(controlIds.add(control.getAttribute("id")), "control ids are unique");
                Element action = child(control, V1_1, "Action");
                assertEquals("ShowTaskpane", action.getAttributeNS(XSI, "type"));
                paneBySurface.put(point.getAttributeNS(XSI, "type") + "/" + control.getAttribute("id"),
                        urls.get(child(action, V1_1, "SourceLocation").getAttribute("resid")));
            }
        }
        assertEquals(Map.of(
                "MessageComposeCommandSurface/PostvaktComposeButton", AddinFiles.MANIFEST_BASE_URL + "/taskpane/taskpane.html",
                "MessageReadCommandSurface/PostvaktReadButton", AddinFiles.MANIFEST_BASE_URL + "/sender/sender.html"),
                paneBySurface);
        assertTrue(Files.readString(HANDLERS).contains("TASKPANE_COMMAND_ID = \"PostvaktComposeButton\""),
                "the send dialog opens the task pane through the compose button's id");
    }

    @Test
    void single_sign_on_names_the_client_id_placeholder_and_an_api_resource() throws Exception {
        Document m = parse(Files.readString(MANIFEST));
        Element info = all(m, V1_1, "WebApplicationInfo").get(0);
        assertEquals(AddinFiles.MANIFEST_CLIENT_ID, text(info, V1_1, "Id"));
        assertEquals("api://" + AddinFiles.MANIFEST_CLIENT_ID, text(info, V1_1, "Resource"));
        assertFalse(all(m, V1_1, "Scope").isEmpty());
    }

    @Test
    void every_url_is_https_on_the_placeholder_base_or_microsoft_sign_in() throws Exception {
        for (String url : urlsIn(Files.readString(MANIFEST))) {
            assertTrue(url.startsWith(AddinFiles.MANIFEST_BASE_URL + "/") || url.equals(AddinFiles.MANIFEST_BASE_URL)
                    || url.equals("https://login.microsoftonline.com"), url);
        }
    }

    @Test
    void localhost_manifest_is_the_same_add_in_pointed_at_localhost() throws Exception {
        String main = withoutLeadingComment(Files.readString(MANIFEST));
        String local = withoutLeadingComment(Files.readString(LOCALHOST));
        assertEquals(main.replace(AddinFiles.MANIFEST_BASE_URL, "https://localhost:8443"), local);
        parse(Files.readString(LOCALHOST));
    }

    @Test
    void every_manifest_url_resolves_to_a_file_the_server_serves() throws Exception {
        String base = "https://postvakt.test.example";
        try (TestServer s = new TestServer(Map.of("PUBLIC_BASE_URL", base))) {
            HttpResponse<String> res = s.get("/manifest.xml", null);
            assertEquals(200, res.statusCode());
            String served = res.body();
            assertFalse(served.contains(AddinFiles.MANIFEST_BASE_URL), "every base URL is rewritten");
            assertFalse(served.contains(AddinFiles.MANIFEST_CLIENT_ID), "the client id is rewritten");
            assertTrue(served.contains("<Id>" + TestKeys.CLIENT + "</Id>"));
            parse(served);
            HttpClient http = HttpClient.newHttpClient();
            Set<String> urls = urlsIn(served);
            assertTrue(urls.size() >= 10, "found the manifest's URLs: " + urls);
            for (String url : urls) {
                if (url.startsWith("https://login.microsoftonline.com")) {
                    continue;
                }
                assertTrue(url.startsWith(base), url);
                String path = url.substring(base.length());
                HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + (path.isEmpty() ? "/" : path))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, file.statusCode(), url);
                assertTrue(file.body().length > 0, url);
                if (path.endsWith(".png")) {
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(file.body()));
                    assertNotNull(img, url + " is a PNG");
                    Matcher size = Pattern.compile("icon-(\\d+)\\.png").matcher(path);
                    assertTrue(size.find());
                    assertEquals(Integer.parseInt(size.group(1)), img.getWidth(), url);
                    assertEquals(img.getWidth(), img.getHeight(), url);
                }
            }
        }
    }

    @Test
    void handler_script_is_served_with_the_public_url_and_client_id_and_is_allowed() throws Exception {
        String base = "https://postvakt.test.example";
        try (TestServer s = new TestServer(Map.of("PUBLIC_BASE_URL", base))) {
            HttpResponse<String> js = s.get("/launchevent/launchevent.js", null);
            assertEquals(200, js.statusCode());
            assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
            assertTrue(js.body().contains("var POSTVAKT_BASE_URL = \"" + base + "\";"));
            assertTrue(js.body().contains("var POSTVAKT_CLIENT_ID = \"" + TestKeys.CLIENT + "\";"));
            HttpResponse<String> shared = s.get("/shared/postvakt.js", null);
            assertTrue(shared.body().contains("var CLIENT_ID = \"" + TestKeys.CLIENT + "\";"));
            HttpResponse<String> allowed = s.get("/.well-known/microsoft-officeaddins-allowed.json", null);
            assertTrue(allowed.body().contains(base + "/launchevent/launchevent.js"), allowed.body());
            for (String page : List.of("/taskpane/taskpane.html", "/sender/sender.html", "/launchevent/launchevent.html",
                    "/vendor/fluent-web-components.js", "/vendor/msal-browser.js", "/vendor/chart.js")) {
                assertEquals(200, s.get(page, null).statusCode(), page);
            }
        }
    }

    private static String withoutLeadingComment(String xml) {
        int start = xml.indexOf("<!--");
        return xml.substring(0, start) + xml.substring(xml.indexOf("-->", start) + 3);
    }

    private static Set<String> urlsIn(String xml) {
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = Pattern.compile("https?://[^\"<\\s]+").matcher(withoutLeadingComment(xml));
        while (m.find()) {
            String url = m.group();
            if (!url.startsWith("http://schemas.microsoft.com/") && !url.startsWith("http://www.w3.org/")) {
                urls.add(url);
            }
        }
        return urls;
    }

    private static Map<String, String> resources(Document m, String kind) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element group : all(m, BT, kind)) {
            for (Element e : children(group)) {
                out.put(e.getAttribute("id"), e.getAttribute("DefaultValue"));
            }
        }
        return out;
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> all(Document d, String ns, String name) {
        return elements(d.getElementsByTagNameNS(ns, name));
    }

    private static List<Element> descendants(Element e, String ns, String name) {
        return elements(e.getElementsByTagNameNS(ns, name));
    }

    private static List<Element> elements(NodeList list) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static Element child(Element e, String ns, String name) {
        return children(e).stream().filter(c -> ns.equals(c.getNamespaceURI()) && name.equals(c.getLocalName()))
                .findFirst().orElseThrow(() -> new AssertionError(e.getLocalName() + " has no " + name));
    }

    private static Element parent(Element e) {
        return (Element) e.getParentNode();
    }

    private static String text(Element e, String name) {
        return text(e, OFFICE_APP, name);
    }

    private static String text(Element e, String ns, String name) {
        return child(e, ns, name).getTextContent().strip();
    }
}
