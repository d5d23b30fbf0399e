import { findProjectSwitcher, noteKnownProjects, type ProjectSwitcher } from '../../platform/adapter';
import { resolveAccent } from './accent';
import { projectKey } from '../../core/identity';
import { rememberProject } from '../../messaging/page-reports';
import { sendToWorker } from '../../messaging/page-messenger';
import { defineFeature } from '../feature';
import { scope as projectEmphasisScope } from './meta';
import { definePageResource } from '../page-resources';

export const PROJECT_MARK = 'data-rop-project';
export const ORGANIZATION_MARK = 'data-rop-organization';
export const ACCENT_BAR_ID = 'rop-accent-bar';
const STYLE_ID = 'rop-project-emphasis-style';

/**
 * The stylesheet targets our own data attributes, never the dashboard's generated
 * classes; `!important` wins over the app's utility classes on the same elements.
 * The accent is validated as #rrggbb before it reaches this text.
 */
function stylesheet(accent: string): string {
  return `
:root { --rop-accent: ${accent}; }
[${PROJECT_MARK}], [${PROJECT_MARK}] * { font-weight: 700 !important; }
[${PROJECT_MARK}] { font-size: 1.06em !important; opacity: 1 !important; }
[${PROJECT_MARK}]::before {
  content: ""; display: inline-block; flex: none; width: 0.6em; height: 0.6em; border-radius: 50%;
  margin-inline-end: 0.4em; vertical-align: middle; background: var(--rop-accent);
}
[${ORGANIZATION_MARK}], [${ORGANIZATION_MARK}] * { font-weight: 400 !important; }
[${ORGANIZATION_MARK}] { opacity: 0.6 !important; }
#${ACCENT_BAR_ID} {
  position: fixed; top: 0; left: 0; right: 0; height: 3px; z-index: 2147483647;
  pointer-events: none; background: var(--rop-accent);
}`;
}

/**
 * Names of projects seen before are one of the signals that recognize the switcher: they are
 * read once per page, so a later redesign with fewer other signals is still recognized.
 */
let knownNamesRequested = false;

function detect(document: Document): ProjectSwitcher | null {
  if (!knownNamesRequested) {
    knownNamesRequested = true;
    // Asked directly, not through page-records.ts: the names are read once, and that module's
    // following of changes would not fit the content script's size budget (scripts/bundles.test.mjs).
    sendToWorker('getPageRecords', undefined).then((records) => noteKnownProjects(records.knownProjects), () => undefined);
  }
  return findProjectSwitcher(document);
}

/** Projects already reported from this page: re-renders must not cost a message each. */
const remembered = new Set<string>();

async function remember(switcher: ProjectSwitcher, key: string): Promise<void> {
  const signature = `${key}|${switcher.projectName}|${switcher.organizationName}`;
  if (remembered.has(signature)) return;
  remembered.add(signature);
  // The worker writes the record (it skips a project it already knows by this name).
  await rememberProject({ key, id: switcher.projectId, name: switcher.projectName, organization: switcher.organizationName });
}

/**
 * The stylesheet and the bar outlive a single apply: the runner re-applies on every
 * re-render of the header, and rebuilding them each time would restyle the whole page.
 * Outside <body>, so the app's own re-renders of its root never touch them.
 */
const pageDecoration = definePageResource({
  create(document) {
    // Left behind by an earlier copy of this script (extension reloaded): taken over, never doubled.
    const style = document.getElementById(STYLE_ID) ?? document.createElement('style');
    style.id = STYLE_ID;
    const bar = document.getElementById(ACCENT_BAR_ID) ?? document.createElement('div');
    bar.id = ACCENT_BAR_ID;
    bar.setAttribute('aria-hidden', 'true');
    return { style, bar };
  },
  release({ style, bar }) {
    style.remove();
    bar.remove();
  },
});

function decorate(document: Document, { style, bar }: { style: HTMLElement; bar: HTMLElement }, key: string, accent: string): void {
  const css = stylesheet(accent);
  if (style.textContent !== css) style.textContent = css;
  if (bar.dataset.project !== key) bar.dataset.project = key;
  // Put back if something on the page removed them.
  if (!style.isConnected) document.documentElement.append(style);
  if (!bar.isConnected) document.documentElement.append(bar);
}

export const projectEmphasis = defineFeature<ProjectSwitcher>({
  ...projectEmphasisScope,
  detect,
  apply(switcher, { signal, document, settings, use }) {
    const key = projectKey({
      id: switcher.projectId,
      name: switcher.projectName,
      organization: switcher.organizationName,
    });
    decorate(document, use(pageDecoration), key, resolveAccent(key, settings.projectColors));
    switcher.projectElement.setAttribute(PROJECT_MARK, key);
    switcher.organizationElement.setAttribute(ORGANIZATION_MARK, '');

    signal.addEventListener(
      'abort',
      () => {
        switcher.projectElement.removeAttribute(PROJECT_MARK);
        switcher.organizationElement.removeAttribute(ORGANIZATION_MARK);
      },
      { once: true },
    );

    remember(switcher, key).catch(() => {
      // Options then lacks this project's colour picker; the page is decorated all the same.
    });
  },
});
