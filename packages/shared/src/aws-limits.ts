/** The lengths AWS, CloudFormation and npm allow, in one place: validate.ts checks them, naming.ts derives names within them. */
export const LOG_GROUP_NAME_MAX = 512;
export const FILTER_NAME_MAX = 512;
export const PROJECT_NAME_MAX = 214;
/** CloudFormation's limit on a stack name; CDK would cut a longer one, and the names derived from it would no longer match. */
export const STACK_NAME_MAX = 128;
export const ALARM_EMAIL_MAX = 254;
