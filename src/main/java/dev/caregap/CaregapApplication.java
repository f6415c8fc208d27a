package dev.caregap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CaregapApplication {
    public static void main(String[] args) {
        SpringApplication.run(CaregapApplication.class, args);
    }
}
