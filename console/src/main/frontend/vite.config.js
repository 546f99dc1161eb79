import { defineConfig } from 'vite';

// Built into the jar's static resources (Spring Boot serves classpath:/static); `npm run dev` proxies the
// console's API and sign-in to a console running on 8090, so the page can be worked on with hot reload.
export default defineConfig({
  build: {
    outDir: '../../../target/classes/static',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8090',
      '/oauth2': 'http://127.0.0.1:8090',
      '/login': 'http://127.0.0.1:8090',
      '/logout': 'http://127.0.0.1:8090',
    },
  },
  test: {
    include: ['src/**/*.test.js'],
  },
});
