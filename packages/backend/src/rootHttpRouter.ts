import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';

/**
 * Backstage's root HTTP router with its usual middleware, except that error bodies never carry a stack trace.
 * The default error handler adds one whenever `NODE_ENV` is `development`, which is how `yarn start` runs the
 * backend; a stack names absolute paths of the host. The detail of a 5xx still goes to the log.
 */
export const rootHttpRouterWithoutStackTraces = rootHttpRouterServiceFactory({
  configure(context) {
    const { middleware } = context;
    const errorHandler = middleware.error.bind(middleware);
    middleware.error = options =>
      errorHandler({ ...options, showStackTraces: false });
    context.applyDefaults();
  },
});
