export function formatDate(d: Date) { return d.toISOString() }
