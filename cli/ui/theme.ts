/**
 * @inkjs/ui draws focus in blue, which is hard to read on dark terminals; cyan, green and
 * bold read on dark and light ones alike.
 */
import { defaultTheme, extendTheme, type Theme } from '@inkjs/ui';

export const uiTheme: Theme = extendTheme(defaultTheme, {
  components: {
    Select: {
      styles: {
        focusIndicator: () => ({ color: 'cyan' }),
        label: ({ isFocused, isSelected }: { isFocused: boolean; isSelected: boolean }) => ({
          color: isFocused ? 'cyan' : isSelected ? 'green' : undefined,
          bold: isFocused,
        }),
      },
    },
    Spinner: { styles: { frame: () => ({ color: 'cyan' }) } },
    ProgressBar: { styles: { completed: () => ({ color: 'cyan' }) } },
  },
});
