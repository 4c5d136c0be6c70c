package com.example.shop;

import org.apache.camel.main.Main;

public final class ShopApplication {

    private ShopApplication() {
    }

    /** The application: its routes, its options from application.properties. */
    public static Main create() {
        Main main = new Main();
        main.configure().addRoutesBuilder(new ShopRoutes());
        return main;
    }

    public static void main(String[] args) throws Exception {
        create().run(args);
    }
}
