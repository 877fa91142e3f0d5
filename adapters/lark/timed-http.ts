import {
  defaultHttpInstance,
  type HttpInstance,
  type HttpRequestOptions,
} from '@larksuiteoapi/node-sdk';

/**
 * The SDK's HTTP client with a timeout on every call: without one a call Lark never answers
 * would hold a notice's claim until the claim ran out, and the notice would be sent again.
 */
export function timedHttp(timeoutMs: number): HttpInstance {
  // An axios instance whose response interceptor hands back the body, as HttpInstance says.
  const base = defaultHttpInstance as unknown as HttpInstance;
  const timed = <D>(opts?: HttpRequestOptions<D>): HttpRequestOptions<D> => ({
    ...opts,
    timeout: timeoutMs,
  });
  return {
    request: (opts) => base.request(timed(opts)),
    get: (url, opts) => base.get(url, timed(opts)),
    delete: (url, opts) => base.delete(url, timed(opts)),
    head: (url, opts) => base.head(url, timed(opts)),
    options: (url, opts) => base.options(url, timed(opts)),
    post: (url, data, opts) => base.post(url, data, timed(opts)),
    put: (url, data, opts) => base.put(url, data, timed(opts)),
    patch: (url, data, opts) => base.patch(url, data, timed(opts)),
  };
}
