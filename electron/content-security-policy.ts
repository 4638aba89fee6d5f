// The renderer's Content Security Policy, also sent as a response header by the Electron session and the browser
// host: the same policy as the <meta> tag in renderer/index.html, so a page that lost its meta tag is still covered.
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

// Only a header can forbid framing; a <meta> CSP ignores frame-ancestors.
export const contentSecurityPolicyHeader = `${contentSecurityPolicy}; frame-ancestors 'none'`;
