/**
 * What the server put into index.html for this page load (src/http/console.ts): the CSP nonce for
 * Ant Design's style elements. (How to sign in comes from GET /auth/config.)
 */
function meta(name: string): string | undefined {
  const value = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;
  // Under `vite` (npm run dev) the placeholders are not replaced.
  return value && !value.startsWith('__CKB_') ? value : undefined;
}

export function cspNonce(): string | undefined {
  return meta('ckb-csp-nonce');
}
