import type { UserConfig } from 'vitest/config';

export interface VitestConfigOptions {
  testTimeout?: number;
  include?: string[];
}

export function createVitestConfig(options?: VitestConfigOptions): UserConfig;
