// Every time the API answers with is an ISO 8601 UTC string; the store keeps milliseconds since the epoch.
export const iso = (time: number): string => new Date(time).toISOString();
