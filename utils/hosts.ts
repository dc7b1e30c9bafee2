/** The hosts live in the platform vocabulary (utils/platform/hosts.ts); kept here for existing imports. */
export {
  CONTENT_MATCHES,
  GUANGHE_HOSTS,
  LOGIN_HOSTS,
  PUBLISH_FRAME_HOST,
  PUBLISH_FRAME_PATH,
  isLoginUrl,
  isOurPageUrl,
} from './platform/hosts.ts';
