import { defineFeatureMeta, type FeatureScope } from '../feature';

export const projectEmphasisScope: FeatureScope = {
  id: 'project-emphasis',
  appliesTo: () => true,
};

export const projectEmphasisMeta = defineFeatureMeta(projectEmphasisScope, {
  name: 'Active project, unmistakable',
  description:
    'Makes the active project unmistakable: its name in bold with an accent dot, the organization subdued, and a thin bar in the project’s colour along the top of every page.',
});
