import autocannon from 'autocannon';

export type LoadResult = {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Responses `verifyBody` refused (0 without one). */
  mismatches: number;
};

export type LoadOptions = {
  name: string;
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Checked against every response body; a false answer counts as a mismatch. */
  verifyBody?: (body: string) => boolean;
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { verifyBody } = options;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    ...(verifyBody ? { verifyBody: (body) => verifyBody(String(body ?? '')) } : {}),
  });
  return {
    name: options.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    mismatches: result.mismatches,
  };
}
