import { CONTENT_MATCHES } from '@/utils/hosts';
export default defineContentScript({
  matches: CONTENT_MATCHES,
  allFrames: true,
  main() {
    console.log('cs');
  },
});
