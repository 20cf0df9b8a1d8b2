import type { ProjectFileTransform } from '../../src/migration.js';

export const projectFileTransforms: ProjectFileTransform[] = [];
export const projectFilePatterns: string[] = [];
