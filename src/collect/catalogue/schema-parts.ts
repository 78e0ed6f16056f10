// Schema parts more than one descriptor uses (beyond the vocabulary in model/config-schemas).
import { int, obj, str, strs, type JsonSchema } from '../../model/config-schemas.js';

// A rule without its protocol or sources cannot be judged (the network analyses read them
// without checks): inside a collected rule these three are required.
export const sgRule: JsonSchema = { ...obj({ protocol: str, fromPort: int, toPort: int, cidrs: strs, groupIds: strs }), required: ['protocol', 'cidrs', 'groupIds'] };
