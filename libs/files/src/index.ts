export * from './stored-file.entity';
export * from './file-storage';
export * from './file-access.registry';
export * from './files.service';
export * from './files.module';
