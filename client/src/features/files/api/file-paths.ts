/** A storage path as URL path segments (the API takes `a/b/c.csv` as a wildcard route). */
export const encodeStoragePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export const joinStoragePath = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);
