// Reads the page's settings and the rusm endpoint; every request stays on the application's own origin.

const base = document.body.dataset.base;

/** The answer of a request that did not succeed, with its HTTP status (0 when the server is unreachable). */
export class RequestError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let settings;

/** Loads the observer's settings: where the endpoint is, its access, the refresh interval. */
export async function loadSettings() {
  settings = await request('GET', base + '/settings');
  return settings;
}

/** The settings loaded by loadSettings(). */
export function currentSettings() {
  return settings;
}

/** Whether kill buttons may be shown: the endpoint's access is unrestricted. */
export function killsAllowed() {
  return settings && settings.access === 'unrestricted';
}

/** Reads a path below the rusm endpoint, such as '' (the summary) or '/processes?limit=50'. */
export function read(path) {
  return request('GET', settings.endpoint + path);
}

/** Sends a DELETE to a path below the rusm endpoint. */
export function remove(path) {
  return request('DELETE', settings.endpoint + path);
}

/** The path segment of a pid: the bare number for a local pid, the encoded text otherwise. */
export function pidSegment(pid) {
  const local = /^<0\.(\d+)\.0>$/.exec(pid);
  return local ? local[1] : encodeURIComponent(pid);
}

async function request(method, url) {
  let response;
  try {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && settings && settings.csrf) headers[settings.csrf.header] = settings.csrf.token;
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    throw new RequestError(0, 'The application does not answer (' + error.message + ').');
  }
  if (!response.ok) {
    throw new RequestError(response.status, await describe(response));
  }
  return response.status === 204 ? null : response.json();
}

async function describe(response) {
  try {
    const body = await response.json();
    if (body && (body.message || body.detail)) return body.message || body.detail;
  } catch (ignored) {
    // Not JSON: fall back to the status.
  }
  return 'HTTP ' + response.status + (response.statusText ? ' ' + response.statusText : '');
}
