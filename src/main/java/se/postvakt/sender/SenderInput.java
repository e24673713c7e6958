package se.postvakt.sender;

import java.util.List;

/**
 * One message's sender facts, parsed once for all detectors.
 *
 * @param from        the From address
 * @param name        the display name, cut to {@link #MAX_NAME} characters and trimmed
 * @param replyTo     Reply-To addresses, every one of them checked (the API takes at most
 *                    {@link CheckRequest#MAX_REPLY_TO})
 * @param auth        parsed Authentication-Results
 */
public record SenderInput(EmailAddress from, String name, List<EmailAddress> replyTo, AuthResults auth) {
    /** Display names longer than this are judged by their beginning: that is what the reader sees. */
    public static final int MAX_NAME = 256;

    public static SenderInput of(String address, String name, List<String> replyTo, String headers) {
        String n = name == null ? "" : name.strip();
        if (n.length() > MAX_NAME) {
            n = n.substring(0, MAX_NAME);
        }
        List<EmailAddress> rt = replyTo == null ? List.of() : replyTo.stream().map(EmailAddress::parse).toList();
        return new SenderInput(EmailAddress.parse(address), n, rt, AuthResults.parse(headers));
    }
}
