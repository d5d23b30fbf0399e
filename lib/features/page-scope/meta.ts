import { isUsagePage } from '../../platform/adapter';
import { defineFeatureMeta, type FeatureScope } from '../feature';

export const scope: FeatureScope = {
  id: 'page-scope',
  appliesTo: isUsagePage,
};

export const meta = defineFeatureMeta(scope, {
  name: 'What the Usage page shows',
  description:
    'The Usage page has its own project selector, apart from the top bar’s. When it shows something else (“All projects”, another project), says so beside it and under the top bar’s project: “Usage shows: All projects”.',
});
