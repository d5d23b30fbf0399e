import type { BrowserContext } from '@playwright/test';

/** The dashboard's cost CSV header (Oct 2025 form, docs/facts.md §2). */
const COST_HEADER =
  'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id,organization_id,organization_name';
/** The completions (and, alike, embeddings) usage CSV header, shortened (docs/facts.md §2). */
const USAGE_HEADER = 'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,input_tokens,output_tokens';

const EXPORT_FILE = /^([a-z_]+?)_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})\.(csv|json)$/;

/**
 * A window's file as the dashboard writes it (`cost_…`, `completions_usage_…`,
 * `embeddings_usage_…`): one row per UTC day of the window, empty amounts on idle days.
 */
export function costCsv(fileName: string, padToBytes = 0): Buffer {
  const match = EXPORT_FILE.exec(fileName);
  if (!match) throw new Error(`not an export file name: ${fileName}`);
  const [kind, from, to] = [match[1] as string, match[2] as string, match[3] as string];
  const lines = [kind === 'cost' ? COST_HEADER : USAGE_HEADER];
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00');
  for (let start = Date.parse(`${from}T00:00:00Z`) / 1000; start <= Date.parse(`${to}T00:00:00Z`) / 1000; start += 86400) {
    const date = new Date(start * 1000);
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (kind === 'cost') {
      const amount = day % 7 === 0 ? '' : `${((year * 31 + month * 7 + day) % 97) / 10}.${String(day).padStart(16, '0')}`;
      lines.push(`${start},${start + 86400},${iso(start)},${iso(start + 86400)},${amount},${amount ? 'usd' : ''},,,org-FixtureAcme,Acme Corp`);
    } else {
      const model = kind.startsWith('embeddings') ? 'text-embedding-3-small' : 'gpt-4o-mini';
      lines.push(`${start},${start + 86400},${iso(start)},${iso(start + 86400)},proj_fixture,${day * 3}.0,,,${model},FALSE,${day * 1000}.0,${day * 10}.0`);
    }
  }
  let text = `${lines.join('\n')}\n`;
  // Large files: the same rows again, for files of tens of MB.
  while (text.length < padToBytes) text += lines.slice(1).join('\n') + '\n';
  return Buffer.from(text, 'utf8');
}

export interface ExportServerOptions {
  /** Months ('2024-03') or first days ('2026-07-02') of windows whose first N requests fail with HTTP 500. */
  failFirst?: Record<string, number>;
  /** Months or first days of windows that always fail. */
  alwaysFail?: string[];
  latencyMs?: () => number;
  padToBytes?: number;
}

/** Serves /__export/<file> with latency and failures; returns what it served, by file name. */
export async function serveExports(context: BrowserContext, options: ExportServerOptions = {}) {
  const served = new Map<string, Buffer>();
  const requests: string[] = [];
  const failures = { ...options.failFirst };
  await context.route('https://platform.openai.com/__export/**', async (route) => {
    const fileName = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
    requests.push(fileName);
    const firstDay = EXPORT_FILE.exec(fileName)?.[2] ?? '';
    const key = [...Object.keys(failures), ...(options.alwaysFail ?? [])].find((prefix) => firstDay.startsWith(prefix)) ?? '';
    await new Promise((resolve) => setTimeout(resolve, options.latencyMs?.() ?? 0));
    if (key && (options.alwaysFail?.includes(key) || (failures[key] ?? 0) > 0)) {
      failures[key] = (failures[key] ?? 1) - 1;
      await route.fulfill({ status: 500, body: 'server error' });
      return;
    }
    const body = costCsv(fileName, options.padToBytes);
    served.set(fileName, body);
    await route.fulfill({ body, contentType: 'text/csv', headers: { 'content-disposition': `attachment; filename="${fileName}"` } });
  });
  return { served, requests };
}
