import type { Feature } from './feature';
import { projectEmphasis } from './project-emphasis';

/** Every feature, in the order it runs on a page and is listed in options. */
export const features: readonly Feature[] = [projectEmphasis];
