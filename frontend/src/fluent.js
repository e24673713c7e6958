// The Fluent UI web components the add-in pages use, with Outlook's light theme.
import { setTheme } from '@fluentui/web-components';
import { webLightTheme } from '@fluentui/tokens';
import '@fluentui/web-components/button.js';
import '@fluentui/web-components/message-bar.js';
import '@fluentui/web-components/badge.js';
import '@fluentui/web-components/spinner.js';
import '@fluentui/web-components/divider.js';
import '@fluentui/web-components/textarea.js';
import '@fluentui/web-components/text.js';
import '@fluentui/web-components/link.js';

setTheme(webLightTheme);
