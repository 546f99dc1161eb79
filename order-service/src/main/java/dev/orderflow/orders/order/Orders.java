package dev.orderflow.orders.order;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** All orders. Items load lazily, in batches (hibernate.default_batch_fetch_size), so a page costs two queries. */
public interface Orders extends JpaRepository<Order, UUID> {

    Page<Order> findByCustomerId(String customerId, Pageable pageable);
}
