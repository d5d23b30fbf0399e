import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { featureHealth } from '../lib/settings';

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Health recorded by an older version's selectors says nothing about this version.
    if (reason === 'update') void featureHealth.removeValue();
  });
});
