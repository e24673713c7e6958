package se.postvakt.sender;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code display-name-contains-address}: the display name shows an address other than the sender's, as in
 * {@code "it-support@mjolby.se" <x@gmail.com>}; the reader sees the first and answers the second.
 */
public final class DisplayNameAddressDetector implements SenderDetector {
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:@\\[\\]]{1,64}@[^\\s<>\"'(),;:@\\[\\]]{1,253}");

    @Override
    public void inspect(SenderInput in, SenderRules rules, List<Finding> out) {
        if (in.name().indexOf('@') < 0) {
            return;
        }
        Matcher m = ADDRESS.matcher(in.name());
        while (m.find()) {
            EmailAddress shown = EmailAddress.parse(m.group());
            if (shown.valid() && !shown.canonical().equals(in.from().canonical())) {
                out.add(new Finding("display-name-contains-address", Severity.WARN, Finding.ordered(
                        "shown", Fold.shown(shown.raw(), 120).toLowerCase(Locale.ROOT),
                        "shownIsKnown", Boolean.toString(rules.isKnown(shown.domain())))));
                return;
            }
        }
    }
}
