// MSAL.js exposed as the global `msal`: nested app authentication for the add-in, the redirect flow for the web pages.
export { createNestablePublicClientApplication, PublicClientApplication, InteractionRequiredAuthError } from '@azure/msal-browser';
