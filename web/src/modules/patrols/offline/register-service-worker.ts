/**
 * Registers the app's service worker (built to /app/sw.js), which keeps the app shell so that the patrol screens open
 * without a network. Only the patrol screens register it, and only in a build (the dev server has none).
 */
let isRegistered = false;

export function registerServiceWorker(): void {
  if (isRegistered || !import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  isRegistered = true;
  const base = import.meta.env.BASE_URL;
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
    // Without it the screens still work online; the next visit tries again.
    isRegistered = false;
  });
}
