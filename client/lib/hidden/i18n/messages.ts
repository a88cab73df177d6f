import { defineMessages } from '../../i18n/define-messages.ts';
import { en } from './en.ts';
import { lo } from './lo.ts';
import { vi } from './vi.ts';

export const { t } = defineMessages({ en, lo, vi });
