// The explicit registry of recognisers, in the order their facts are written.
import type { Recogniser } from '../types.js';
import { access } from './access.js';
import { accounts } from './accounts.js';
import { backups } from './backups.js';
import { certificates } from './certificates.js';
import { compute } from './compute.js';
import { cost } from './cost.js';
import { dataProtection } from './data-protection.js';
import { encryption } from './encryption.js';
import { environments } from './environments.js';
import { loadBalancer } from './load-balancer.js';
import { naming } from './naming.js';
import { network } from './network.js';
import { parity } from './parity.js';
import { retention } from './retention.js';
import { schedules } from './schedules.js';
import { shared } from './shared.js';

export const RECOGNISERS: readonly Recogniser[] = [
  environments,
  accounts,
  naming,
  network,
  encryption,
  retention,
  dataProtection,
  compute,
  schedules,
  loadBalancer,
  backups,
  certificates,
  cost,
  shared,
  access,
  parity,
];
