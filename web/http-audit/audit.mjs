// Runs every GraphQL-over-HTTP server audit of graphql-http (the reference audit by the spec's
// editors) against one endpoint and prints the results as one JSON array on standard output:
// {id, name, status ('ok' | 'notice' | 'warn' | 'error'), reason, response: {status, contentType, body}}.
//   node web/http-audit/audit.mjs http://127.0.0.1:8000/graphql
// tests/test_http_audit.py runs it against a served gql_news and judges the results.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  const entry = { id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null };
  if (result.response) {
    const { response } = result;
    let body = null;
    try {
      body = (await response.text()).slice(0, 500);
    } catch {
      // the audit read the body already
    }
    entry.response = { status: response.status, contentType: response.headers.get('content-type'), body };
  }
  results.push(entry);
}
process.stdout.write(JSON.stringify(results) + '\n');
