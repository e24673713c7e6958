package se.postvakt.graph;

/** Where the gateway gets bearer tokens for Graph: app-only, or on behalf of a signed-in user. */
public interface TokenSource {
    String appToken();

    String onBehalfOfToken(String userAssertion);

    /** msal4j-backed tokens. */
    static TokenSource of(MsalTokens tokens) {
        return new TokenSource() {
            @Override
            public String appToken() {
                return tokens.appToken();
            }

            @Override
            public String onBehalfOfToken(String userAssertion) {
                return tokens.onBehalfOfToken(userAssertion);
            }
        };
    }
}
