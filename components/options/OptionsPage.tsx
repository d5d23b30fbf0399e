import { featureCatalog } from '../../lib/features/metas';
import { usageProjects } from '../../lib/storage/api-records';
import { guardWrite, ignoreWhenFull } from '../../lib/storage/storage-problems';
import { exportYears } from '../../lib/accounting-export/export-request';
import { openExportPage } from '../../lib/messaging/open-export-page';
import { AccountingExportForm } from '../export/AccountingExportForm';
import { AdminKeySection } from './AdminKeySettings';
import { disabledFeatures, projectColors } from '../../lib/storage/settings';
import { featureHealth, knownProjects } from '../../lib/storage/records';
import { FeatureList } from './FeatureList';
import { PageOutlines } from './PageOutline';
import { ProjectColors } from './ProjectColors';
import { SpikeAlertSettings } from './SpikeAlertSettings';
import { SecuritySettings } from './SecuritySettings';
import { LoggingSources } from './LoggingSources';
import { useStorageItem } from '../ui/useStorageItem';
import { clockNow } from '../../lib/core/clock';
import { StorageProblemNotice } from '../ui/StorageProblem';
import { SectionBoundary } from '../ui/SectionBoundary';
import { UnreadableItems } from './UnreadableItems';

async function toggleFeature(featureId: string, enabled: boolean) {
  const current = await disabledFeatures.getValue();
  const next = current.filter((id) => id !== featureId);
  await guardWrite('sync', 'which features are on', () => disabledFeatures.setValue(enabled ? next : [...next, featureId])).catch(ignoreWhenFull);
}

async function setProjectColour(key: string, colour: string | null) {
  const { [key]: _previous, ...rest } = await projectColors.getValue();
  // Refused for storage.sync's quota: said at the top of options (StorageProblemNotice).
  await guardWrite('sync', 'the project colours', () => projectColors.setValue(colour === null ? rest : { ...rest, [key]: colour })).catch(ignoreWhenFull);
}

export function OptionsPage() {
  const disabled = useStorageItem(disabledFeatures);
  const health = useStorageItem(featureHealth);
  const projects = useStorageItem(knownProjects);
  const colours = useStorageItem(projectColors);
  const names = useStorageItem(usageProjects);

  return (
    <main class="options">
      <h1>Refined OpenAI Platform</h1>
      <StorageProblemNotice />
      <UnreadableItems />
      <section aria-labelledby="features-heading">
        <h2 id="features-heading">Features</h2>
        <p class="hint">Health is what each feature found on the last dashboard page it ran on.</p>
        <SectionBoundary name="The feature list">
          {disabled && health && (
            <FeatureList features={featureCatalog} disabled={disabled} health={health} onToggle={toggleFeature} />
          )}
          {health && <PageOutlines features={featureCatalog} health={health} />}
        </SectionBoundary>
      </section>
      <section aria-labelledby="colours-heading">
        <h2 id="colours-heading">Project colours</h2>
        <p class="hint">Each project gets a colour of its own; pick one you will recognize, such as red for production.</p>
        <SectionBoundary name="Project colours">
          {projects && colours && <ProjectColors projects={projects} overrides={colours} onChange={setProjectColour} />}
        </SectionBoundary>
      </section>
      <section aria-labelledby="usage-glance-heading">
        <h2 id="usage-glance-heading">Usage glance</h2>
        <SectionBoundary name="The admin key settings">
          <AdminKeySection />
        </SectionBoundary>
      </section>
      <section aria-labelledby="accounting-export-heading">
        <h2 id="accounting-export-heading">Accounting export</h2>
        <p class="hint">
          One ZIP for a year, a fiscal year, a quarter, a month or any days: per month, the cost file and a file for each
          usage capability, plus summary.csv, a FOCUS 1.2 cost file and manifest.json. Uses the admin key above; the
          export runs in a tab of its own.
        </p>
        <AccountingExportForm
          {...exportYears(new Date(clockNow()))}
          projects={names?.projects ?? []}
          defaultScope="organization"
          onExport={(period, scope) => void openExportPage({ period, scope, organizationName: null, organizationId: null })}
        />
      </section>
      <section aria-labelledby="spike-heading">
        <h2 id="spike-heading">Spend-spike alerts</h2>
        <SectionBoundary name="The spike alert settings">
          <SpikeAlertSettings />
        </SectionBoundary>
      </section>
      <SectionBoundary name="The logging sources">
        <LoggingSources />
      </SectionBoundary>
      <section aria-labelledby="security-heading">
        <h2 id="security-heading">Security watch</h2>
        <SectionBoundary name="The security watch settings">
          <SecuritySettings />
        </SectionBoundary>
      </section>
    </main>
  );
}
