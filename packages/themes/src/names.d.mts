export declare function themeClassName(name: string): string;
