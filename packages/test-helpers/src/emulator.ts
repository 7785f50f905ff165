// The emulator's whole API for the one package that cannot declare it: core, which the emulator depends on.
// Core declares this package as a devDependency instead (see this package's turbo.json for the build graph).
export * from '@qcloudmail/emulator';
