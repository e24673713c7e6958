// MSAL.js for nested app authentication, exposed as the global `msal` for pages and the launch-event runtime.
export { createNestablePublicClientApplication, InteractionRequiredAuthError } from '@azure/msal-browser';
