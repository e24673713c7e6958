package se.postvakt.sender;

import java.util.Map;

/** Puts findings into plain words for the reader: Swedish by default, English for {@code en}. */
final class Messages {
    private Messages() {
    }

    static String of(Finding f, boolean en) {
        Map<String, String> d = f.detail();
        String domain = d.getOrDefault("shownAs", d.getOrDefault("domain", "?"));
        String resembles = d.getOrDefault("resembles", "?");
        String whose = "own".equals(d.get("of")) ? (en ? "the organisation's own domain " : "kommunens egen domän ")
                : "trusted".equals(d.get("of")) ? (en ? "the trusted partner domain " : "den betrodda partnerdomänen ") : "";
        String advice = en ? " Do not open links or attachments, and report the message to IT if you are unsure."
                : " Öppna inga länkar eller bilagor, och rapportera meddelandet till IT om du är osäker.";
        return switch (f.code()) {
            case "lookalike-domain" -> (en
                    ? "The sender's domain " + domain + " resembles " + whose + resembles + " but is a different domain"
                            + technique(d.get("technique"), true) + ". Anyone can register such a domain to deceive."
                    : "Avsändarens domän " + domain + " liknar " + whose + resembles + " men är en annan domän"
                            + technique(d.get("technique"), false) + ". Vem som helst kan registrera en sådan domän för att lura.")
                    + advice;
            case "homoglyph-domain" -> (en
                    ? "The sender's domain " + domain + " looks like " + whose + resembles + " but uses look-alike characters"
                            + (d.containsKey("shownAs") ? " (it is really " + d.get("domain") + ")" : "") + "."
                    : "Avsändarens domän " + domain + " ser ut som " + whose + resembles + " men är skriven med förväxlingsbara tecken"
                            + (d.containsKey("shownAs") ? " (egentligen " + d.get("domain") + ")" : "") + ".")
                    + advice;
            case "brand-in-other-domain" -> "subdomain".equals(d.get("technique"))
                    ? (en ? "The address starts with " + resembles + " but belongs to the domain " + registrable(d)
                            + ", which has nothing to do with it. This is a common trick." + advice
                            : "Adressen börjar med " + resembles + " men hör till domänen " + registrable(d)
                            + ", som inte har med den att göra. Det är ett vanligt knep." + advice)
                    : (en ? "The domain " + domain + " contains the name from " + resembles + " but is not theirs."
                            : "Domänen " + domain + " innehåller namnet från " + resembles + " men hör inte dit.");
            case "display-name-impersonation" -> (en
                    ? "The sender calls themselves \"" + d.get("name") + "\", which suggests " + claim(d, true)
                            + ", but the address is at " + d.get("domain") + (Boolean.parseBoolean(d.get("freemail"))
                            ? ", a free e-mail service" : ", which does not belong to them") + "."
                    : "Avsändaren kallar sig ”" + d.get("name") + "”, vilket ger sken av " + claim(d, false)
                            + ", men adressen hör till " + d.get("domain") + (Boolean.parseBoolean(d.get("freemail"))
                            ? ", en gratis e-posttjänst" : ", som inte hör dit") + ".")
                    + advice;
            case "staff-name-impersonation" -> en
                    ? "The sender's name \"" + d.get("name") + "\" is the name of a colleague, but the address is outside "
                            + "the organisation (" + d.get("domain") + "). Check with the colleague another way before acting."
                    : "Avsändarens namn ”" + d.get("name") + "” är en kollegas namn, men adressen är extern ("
                            + d.get("domain") + "). Kontrollera med kollegan på annat sätt innan du gör något.";
            case "display-name-contains-address" -> en
                    ? "The sender's name shows the address " + d.get("shown") + ", but the message comes from another address."
                            + " Replies go to the real sender, not the one shown."
                    : "Avsändarens namn visar adressen " + d.get("shown") + ", men meddelandet kommer från en annan adress."
                            + " Svar går till den verkliga avsändaren, inte den som visas.";
            case "reply-to-mismatch" -> en
                    ? "Replies to this message go to " + d.get("replyTo") + replyKind(d, true)
                            + ", not to the sender. Check the address before you answer."
                    : "Svar på det här meddelandet går till " + d.get("replyTo") + replyKind(d, false)
                            + ", inte till avsändaren. Kontrollera adressen innan du svarar.";
            case "auth-failed" -> (en
                    ? "The message failed the check that it really comes from " + domain
                            + " (DMARC or composite authentication). It may be forged."
                    : "Meddelandet klarade inte kontrollen av att det verkligen kommer från " + domain
                            + " (DMARC eller sammansatt autentisering). Det kan vara förfalskat.")
                    + advice;
            case "own-domain-spoofed" -> en
                    ? "The message claims to come from the organisation's own domain " + domain
                            + " but failed the check that it really does. It is most likely forged. Do not open links or "
                            + "attachments and report it to IT."
                    : "Meddelandet utger sig för att komma från kommunens egen domän " + domain
                            + " men klarade inte kontrollen av att det verkligen gör det. Det är troligen förfalskat. "
                            + "Öppna inga länkar eller bilagor och rapportera det till IT.";
            case "invalid-address" -> en
                    ? "The sender's address is not a valid e-mail address. Be careful with this message."
                    : "Avsändarens adress är inte en giltig e-postadress. Var försiktig med meddelandet.";
            default -> f.code();
        };
    }

    private static String registrable(Map<String, String> d) {
        DomainName dn = DomainName.parse(d.getOrDefault("domain", ""));
        return dn == null ? d.getOrDefault("domain", "?") : dn.registrableAscii();
    }

    private static String technique(String t, boolean en) {
        if (t == null) {
            return "";
        }
        return switch (t) {
            case "typo" -> en ? " (a letter or two differ)" : " (en eller två bokstäver skiljer)";
            case "other-tld" -> en ? " (the same name under another top-level domain)" : " (samma namn under en annan toppdomän)";
            case "hyphenation" -> en ? " (the same name with a hyphen)" : " (samma namn med bindestreck)";
            case "domain-in-name" -> en ? " (the whole domain written as one name)" : " (hela domänen skriven som ett namn)";
            case "name-with-words" -> en ? " (the name with words added)" : " (namnet med tillagda ord)";
            default -> "";
        };
    }

    private static String claim(Map<String, String> d, boolean en) {
        return switch (d.getOrDefault("claims", "")) {
            case "organisation" -> en ? "the organisation itself" : "att komma från kommunen";
            case "trusted" -> en ? "a partner (" + d.get("resembles") + ")" : "att komma från en samarbetspartner ("
                    + d.get("resembles") + ")";
            default -> en ? "a role or authority (" + d.get("role") + ")" : "att komma från " + d.get("role");
        };
    }

    private static String replyKind(Map<String, String> d, boolean en) {
        return switch (d.getOrDefault("kind", "")) {
            case "freemail" -> en ? ", a free e-mail service" : ", en gratis e-posttjänst";
            case "lookalike" -> en ? ", a domain that imitates " + d.get("resembles") : ", en domän som härmar " + d.get("resembles");
            default -> en ? ", a domain outside the organisation" : ", en domän utanför organisationen";
        };
    }
}
