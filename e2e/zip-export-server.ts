import type { BrowserContext } from '@playwright/test';

/** The dashboard's cost CSV header (Oct 2025 form, docs/facts.md §2). */
const COST_HEADER =
  'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id,organization_id,organization_name';

/** A month's cost CSV as the dashboard writes it: one row per UTC day, empty amounts on idle days. */
export function costCsv(fileName: string, padToBytes = 0): Buffer {
  const match = /cost_(\d{4})-(\d{2})-01_\d{4}-\d{2}-(\d{2})\.csv$/.exec(fileName);
  if (!match) throw new Error(`not a cost file name: ${fileName}`);
  const [year, month, lastDay] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const lines = [COST_HEADER];
  for (let day = 1; day <= lastDay; day++) {
    const start = Date.UTC(year, month - 1, day) / 1000;
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00');
    const amount = day % 7 === 0 ? '' : `${((year * 31 + month * 7 + day) % 97) / 10}.${String(day).padStart(16, '0')}`;
    lines.push(`${start},${start + 86400},${iso(start)},${iso(start + 86400)},${amount},${amount ? 'usd' : ''},,,org-FixtureAcme,Acme Corp`);
  }
  let text = `${lines.join('\n')}\n`;
  // Large months: the same rows again, for files of tens of MB.
  while (text.length < padToBytes) text += lines.slice(1).join('\n') + '\n';
  return Buffer.from(text, 'utf8');
}

export interface ExportServerOptions {
  /** Months ('2024-03') whose first N requests fail with HTTP 500. */
  failFirst?: Record<string, number>;
  /** Months that always fail. */
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
    const month = /_(\d{4}-\d{2})-01_/.exec(fileName)?.[1] ?? '';
    await new Promise((resolve) => setTimeout(resolve, options.latencyMs?.() ?? 0));
    if (options.alwaysFail?.includes(month) || (failures[month] ?? 0) > 0) {
      failures[month] = (failures[month] ?? 1) - 1;
      await route.fulfill({ status: 500, body: 'server error' });
      return;
    }
    const body = costCsv(fileName, options.padToBytes);
    served.set(fileName, body);
    await route.fulfill({ body, contentType: 'text/csv', headers: { 'content-disposition': `attachment; filename="${fileName}"` } });
  });
  return { served, requests };
}
