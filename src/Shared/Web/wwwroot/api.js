// The JSON API, as the pages use it. Every call resolves (never throws) to { ok, status, data, etag, message }:
// message is the problem's detail when the call failed.

export async function api(path, { method = 'GET', json, body, etag, headers = {} } = {}) {
  // X-Requested-With: App Service Authentication answers an expired session with 401 (the header shows "Sign in")
  // instead of redirecting the call to the Entra sign-in page, which fetch cannot follow.
  const init = { method, headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...headers }, cache: 'no-store' };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.body = body;
  }
  if (etag) init.headers['If-Match'] = etag;
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    return { ok: false, status: 0, data: null, etag: null, message: 'The server could not be reached. Check your connection and try again.' };
  }
  let data = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { data = await response.json(); } catch { data = null; }
  }
  // Errors are RFC 9457 problem details (docs/api.md, "Errors"): the sentence for the user is `detail`.
  const message = data && typeof data.detail === 'string' ? data.detail
    : response.ok ? '' : `The server answered ${response.status} ${response.statusText}.`;
  return { ok: response.ok, status: response.status, data, etag: response.headers.get('ETag'), message };
}

/** The enums' names, for research results stored with numeric enums. */
export const CATEGORIES = ['Authorization', 'Eligibility', 'CoordinationOfBenefits', 'Coding', 'MedicalNecessity', 'TimelyFiling',
  'Duplicate', 'MissingInformation', 'NonCovered', 'Bundling', 'ProviderEnrollment', 'PatientResponsibility', 'Contractual', 'Other'];
export const ACTIONS = ['Appeal', 'CorrectedClaim', 'ProviderQuery', 'BillOtherPayer', 'BillPatient', 'RequestRetroAuthorization',
  'WriteOff', 'NoAction', 'ManualReview', 'RequestReopening'];
export const STATUSES = ['New', 'Researched', 'Drafted', 'Approved', 'Sent', 'Submitted', 'Overturned', 'PartiallyOverturned',
  'Upheld', 'WrittenOff', 'PatientBilled', 'Rebilled', 'Unmatched', 'Failed'];

export function enumName(value, names) {
  return typeof value === 'number' ? (names[value] ?? String(value)) : value;
}
