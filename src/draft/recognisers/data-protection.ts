// Versioning, access logging and alarms: s3_versioning_enabled, enable_s3_access_logging,
// enable_<kind>_cloudwatch_alarms and <kind>_cloudwatch_alarm_actions in HCL.
import type { Fact, Recogniser } from '../types.js';
import { fact, hclBool, scopeOf, typeOfLabel } from './util.js';

export const dataProtection: Recogniser = {
  kind: 'data-protection',
  recognise(docs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      for (const a of d.hcl) {
        const scope = scopeOf(a);
        const on = hclBool(a) === true;
        if (on && /^(s3_)?versioning(_enabled)?$/.test(a.key)) facts.push(fact(scope, 'dataProtection/versioning', '*', a, { list: true }));
        const logging = /^enable_(\w+?)_access_logging$/.exec(a.key);
        const logType = logging ? typeOfLabel(logging[1]!) : undefined;
        if (on && logType) facts.push(fact(scope, 'dataProtection/accessLogging', logType, a, { list: true }));
        const alarms = /^enable_(\w+?)_cloudwatch_alarms$/.exec(a.key);
        const alarmType = alarms ? typeOfLabel(alarms[1]!) : undefined;
        if (on && alarmType) facts.push(fact(scope, 'monitoring/alarms', alarmType, a, { list: true }));
        if (/_alarm_actions$/.test(a.key) && Array.isArray(a.value)) {
          for (const arn of a.value) {
            if (typeof arn !== 'string') continue;
            facts.push(fact(scope, 'monitoring/alarmActions', arn, a, { list: true }));
            const topic = /^arn:aws:sns:[^:]*:\d{12}:(.+)$/.exec(arn)?.[1];
            if (topic) {
              facts.push(
                fact(scope, 'naming/AWS::SNS::Topic', topic, a, { list: true }),
                fact(scope, 'attribution/namesByType/AWS::SNS::Topic', topic, a, { list: true }),
              );
            }
          }
        }
      }
    }
    return { facts };
  },
};
