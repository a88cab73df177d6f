/** A bench setting (an environment variable) that cannot be used: reported in one line, without a stack. */
export class SettingError extends Error {}
