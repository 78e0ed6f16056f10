// The config file's name, apart from its loader so that a run without one never loads it.
export const CONFIG_FILE = '.envgate.yaml';
