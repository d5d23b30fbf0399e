import { defineFeatureMeta, type FeatureScope } from '../feature';

export const scope: FeatureScope = {
  id: 'project-emphasis',
  appliesTo: () => true,
};

export const meta = defineFeatureMeta(scope, {
  name: 'Active project, unmistakable',
  description:
    'Makes the active project unmistakable: its name in bold with an accent dot, the organization subdued, and a thin bar in the project’s colour along the top of every page.',
});
