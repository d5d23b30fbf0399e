import { defineFeatureMeta } from '../feature';

export const projectEmphasisMeta = defineFeatureMeta({
  id: 'project-emphasis',
  name: 'Active project, unmistakable',
  description:
    'Makes the active project unmistakable: its name in bold with an accent dot, the organization subdued, and a thin bar in the project’s colour along the top of every page.',
  appliesTo: () => true,
});
