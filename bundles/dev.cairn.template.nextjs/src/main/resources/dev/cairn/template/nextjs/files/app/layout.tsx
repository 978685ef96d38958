import type { Metadata } from "next";
import type { ReactNode } from "react";
import { config } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = { title: config.title, description: config.description };

// System fonts only: the dashboard loads nothing from outside its own server.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
