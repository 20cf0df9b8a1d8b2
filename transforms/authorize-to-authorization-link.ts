import type { SourceTransform } from '../src/migration.js';

// Work in progress: registered so that the pipeline's order is fixed; filled in by its own change.
const transform: SourceTransform = {
  id: 'authorize-to-authorization-link',
  description: '(in progress)',
  apply() {},
};

export default transform;
